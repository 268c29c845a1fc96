"""What the catalogue tells the apps above it, which it may not import.

`services_changed` is sent with `service_ids=[...]` after a write that saves no model (a queryset
`update()`, so no post_save) changed what those services are: search re-indexes them
(search.receivers).

`service_reviewed` is sent with `service=` when someone confirmed a service accurate or saved it in
full: what families reported of it is then answered (information.receivers)."""

import django.dispatch

services_changed = django.dispatch.Signal()
service_reviewed = django.dispatch.Signal()
