"""The cyclic garbage collector rests while WeasyPrint lays out a PDF, and wakes up after."""

import gc

from actionplans import reports

LONG_HTML = '<html lang="nl-BE"><table>' + "<tr><td>cel</td><td>cel</td></tr>" * 400 + "</table>"


def test_no_cyclic_collection_runs_during_a_render():
    # The first render imports WeasyPrint and parses the stylesheet.
    reports.render_pdf('<html lang="nl-BE"><p>Een regel.</p>')
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        rendered = reports.render_pdf(LONG_HTML)
    finally:
        gc.callbacks.remove(count)
    assert rendered.page_count >= 2
    # Without the pause some hundred passes run; with it, one: the young generation's, once the
    # collector is back on.
    assert len(collections) <= 1
    assert gc.isenabled()


def test_a_collector_disabled_before_the_render_stays_disabled():
    gc.disable()
    try:
        reports.render_pdf('<html lang="nl-BE"><p>Een regel.</p>')
        assert not gc.isenabled()
    finally:
        gc.enable()
