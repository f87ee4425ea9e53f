"""Word templates for the report draft: Försäkringskassan's own, uploaded by an administratör."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RapportMall(models.Model):
    """An uploaded Word template (.docx). The newest active one is used; none active means the repository's."""

    namn = models.CharField(_("namn"), max_length=120)
    fil = models.FileField(_("fil"), upload_to="rapportmallar/")
    uppladdad = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uppladdad av")
    )
    aktiv = models.BooleanField(_("används"), default=True)

    class Meta:
        ordering = ["-uppladdad", "-pk"]
        verbose_name = _("rapportmall")
        verbose_name_plural = _("rapportmallar")

    def __str__(self):
        return self.namn
