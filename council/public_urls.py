"""Public URLs without an account, mounted at the root (namespace "council_public"): the
verification page and the twins of documents sent to a council."""

app_name = "council_public"

urlpatterns: list = []
