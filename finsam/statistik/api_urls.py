app_name = "statistik-api"

urlpatterns = []
