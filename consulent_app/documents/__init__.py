"""Documents: the report (verslag) and the decision (beschikking) as PDF and Word, from templates in resources/."""
