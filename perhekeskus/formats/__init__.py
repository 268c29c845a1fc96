"""Date and number formats of languages Django has none for (settings.FORMAT_MODULE_PATH)."""
