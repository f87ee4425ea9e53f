app_name = "ekonomi-api"

urlpatterns = []
