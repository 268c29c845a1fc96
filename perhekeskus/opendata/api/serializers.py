"""Query parameters of the HSDS API, validated strictly: a bad value is a 400 with the field named."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from perhekeskus.core.validators import POSTAL_CODE_RE, validate_postal_code_format
from perhekeskus.search.api.serializers import StrictBooleanField

MAX_PER_PAGE = 500


class SafeDateTimeField(serializers.DateTimeField):
    """A date and time; one too early or late to convert to local time is an error, not a crash."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except OverflowError as error:
            raise serializers.ValidationError(_("The date is out of range.")) from error


@extend_schema_field({"type": "string", "pattern": f"^{POSTAL_CODE_RE.pattern}$"})
class PostcodeField(serializers.CharField):
    """A Finnish postal code: five digits."""

    def __init__(self, **kwargs) -> None:
        super().__init__(validators=[validate_postal_code_format], **kwargs)


class DetailQuerySerializer(serializers.Serializer):
    """Single objects take no parameters."""


class ListQuerySerializer(serializers.Serializer):
    search = serializers.CharField(required=False, max_length=200)
    page = serializers.IntegerField(required=False, min_value=1, max_value=100_000, default=1)
    per_page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PER_PAGE, default=50)
    format = serializers.ChoiceField(choices=["json", "ndjson"], required=False, default="json")


class _TaxonomyFilters(serializers.Serializer):
    taxonomy_term_id = serializers.UUIDField(required=False)
    taxonomy_id = serializers.UUIDField(required=False)


class ServiceQuerySerializer(ListQuerySerializer, _TaxonomyFilters):
    organization_id = serializers.UUIDField(required=False)
    modified_after = SafeDateTimeField(required=False)
    minimal = StrictBooleanField(
        required=False, default=False, help_text="Only each service's id and last_modified; not with full."
    )
    full = StrictBooleanField(required=False, default=False)

    def validate(self, attrs):
        if attrs.get("minimal") and attrs.get("full"):
            raise serializers.ValidationError({"minimal": _("Ask for minimal or full, not both.")})
        return attrs


class ServiceAtLocationQuerySerializer(ListQuerySerializer, _TaxonomyFilters):
    organization_id = serializers.UUIDField(required=False)
    modified_after = SafeDateTimeField(required=False)
    full = StrictBooleanField(required=False, default=False)
    postcode = PostcodeField(required=False)
    proximity = serializers.FloatField(
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text="Metres from the postcode's centre; needs postcode.",
    )

    def validate(self, attrs):
        if "proximity" in attrs and "postcode" not in attrs:
            raise serializers.ValidationError({"proximity": _("A proximity needs a postcode.")})
        return attrs


class OrganizationQuerySerializer(ListQuerySerializer, _TaxonomyFilters):
    full = StrictBooleanField(required=False, default=False)
    full_service = StrictBooleanField(required=False, default=False)


class OrganizationDetailQuerySerializer(serializers.Serializer):
    full_service = StrictBooleanField(required=False, default=False)


class TaxonomyTermQuerySerializer(ListQuerySerializer):
    taxonomy_id = serializers.UUIDField(required=False)
    parent_id = serializers.UUIDField(required=False)
    top_only = StrictBooleanField(required=False, default=False)


class HsdsRootSerializer(serializers.Serializer):
    """GET /api/hsds/ (documentation only)."""

    version = serializers.CharField()
    profile = serializers.URLField()
    openapi_url = serializers.URLField()


class HsdsPageSerializer(serializers.Serializer):
    """A page of a list, in HSDS's envelope (documentation only: the objects follow the HSDS schemas)."""

    total_items = serializers.IntegerField(min_value=0)
    total_pages = serializers.IntegerField(min_value=1)
    page_number = serializers.IntegerField(min_value=1)
    size = serializers.IntegerField(min_value=0)
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()
    contents = serializers.ListField(child=serializers.DictField())
