"""The public verification page: is this PDF one the portal issued to a council?"""

from django.http import Http404


def verify(request):
    raise Http404
