app_name = "insatser-api"

urlpatterns = []
