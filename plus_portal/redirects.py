from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_to_next(request: HttpRequest, fallback) -> HttpResponseRedirect:
    """Back to where the user came from (``next``), if that is a page of this portal.

    An address on another host, or with another scheme, would make the portal an open
    redirect for phishing mails; those, and anything that is not a path, go to the
    fallback instead.
    """
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return redirect(fallback)
