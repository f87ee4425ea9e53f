app_name = "ekonomi-nationell"

urlpatterns = []
