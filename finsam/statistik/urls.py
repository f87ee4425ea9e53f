app_name = "statistik"

urlpatterns = []
