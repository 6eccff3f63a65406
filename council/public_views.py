"""The public verification page: is this PDF one the portal issued to a council?

No account and nothing kept: an uploaded file is only read to compute its SHA-256 (the page's
script computes it in the browser, so the file need not travel at all), and the answer says
only what ``council.verification.verify`` returns. Checks are rate-limited per address.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from council import verification
from council.verify_forms import VerifyForm


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "council/verify.html", {"form": VerifyForm()})
    retry_after = verification.check_refused_for(request)
    if retry_after:
        response = render(request, "council/verify_busy.html", status=429)
        response["Retry-After"] = str(retry_after)
        return response
    form = VerifyForm(request.POST, request.FILES)
    context = {"form": form, "checked": False}
    if form.is_valid():
        digest = form.cleaned_data["digest"]
        context.update(checked=True, digest=digest, document=verification.verify(digest))
        context["form"] = VerifyForm()
    return render(request, "council/verify.html", context)
