"""Public pages: one queryset, one context, one template each; one module per kind of page.

Only published records appear, on their own pages and inside others: a draft's address is a 404
for everyone (the pages are cached and shared, so staff preview drafts in the admin).
"""
