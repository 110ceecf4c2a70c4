"""The brief in its reader's language: message catalogs, the language's forms, its terms.

`meta.language` decides every word the templates print that is not the analyst's own
(stage 4, render): the labels come from gettext catalogs (`catalogs`), the dates and
quotation marks and the direction of the page from CLDR (`forms`), the words for the
model's enumerations from the catalogs too (`terms`). The tool's own messages (errors,
hints) stay in English. Babel is imported by these modules only, and they are imported
only when a brief is rendered.
"""
