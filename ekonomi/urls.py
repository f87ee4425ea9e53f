app_name = "ekonomi"

urlpatterns = []
