"""The accessible HTML twins of plan versions and progress reports."""

from django.http import Http404


def public_twin(request, token):
    raise Http404
