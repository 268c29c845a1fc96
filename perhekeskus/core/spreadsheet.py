"""Text bound for a spreadsheet (CSV, XLSX)."""


def inert(cell):
    """A spreadsheet must not take text someone wrote for a formula."""
    text = str(cell)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
