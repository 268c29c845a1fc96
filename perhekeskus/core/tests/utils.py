from django import forms


def initial_post_data(form: forms.BaseForm) -> dict:
    """What a browser would post for an unchanged form: each field's initial value as form data."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = str(value)
    return data


def queries_of(client, url: str) -> int:
    """The number of database queries one GET of `url` makes; the answer must be 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)
