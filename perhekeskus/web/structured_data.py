"""schema.org JSON-LD of public pages. A confidential location contributes no address or position."""

from perhekeskus.catalog.models import Location, Service
from perhekeskus.network.models import Organization


def organization_data(organization: Organization, url: str) -> dict:
    data = {"@context": "https://schema.org", "@type": "Organization", "name": organization.name, "url": url}
    for key, value in (
        ("telephone", organization.phone),
        ("email", organization.email),
        ("sameAs", organization.website),
        ("taxID", organization.business_id),
    ):
        if value:
            data[key] = value
    return data


def _place(location: Location) -> dict:
    place = {"@type": "Place", "name": location.name}
    if not location.confidential and location.street_address:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": location.public_street_address,
            "postalCode": location.public_postal_code,
            "addressLocality": location.public_post_office,
            "addressCountry": "FI",
        }
    if location.public_point:
        latitude, longitude = location.public_point
        place["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    return place


def service_data(service: Service, url: str, organization_url: str) -> dict:
    """schema.org data of a service as catalog.selectors.service_for_page reads it."""
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "url": url,
        "provider": {"@type": "Organization", "name": service.organization.name, "url": organization_url},
        "serviceType": [t.name for t in service.type_list],
        "areaServed": [m.name for m in service.area_list],
        "availableLanguage": [lang.name for lang in service.language_list],
    }
    if service.summary:
        data["description"] = service.summary
    places = [_place(d.location) for d in service.deliveries.all() if d.location is not None]
    if places:
        data["availableChannel"] = [{"@type": "ServiceChannel", "serviceLocation": p} for p in places]
    return data
