"""Public pages: one queryset, one context, one template each; one module per kind of page.

Only published statements, claims and evidence appear, on their own pages and inside others.
"""
