"""Pages: which pages exist and what each one shows, typed for the templates."""
