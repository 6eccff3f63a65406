"""The filesystem broker never lets a worker take a message that is still being written."""

import os

from kombu import Connection

from plus_portal.broker import Transport


def test_a_message_appears_whole_under_its_final_name(tmp_path, monkeypatch):
    folder = str(tmp_path)
    options = {
        "data_folder_in": folder,
        "data_folder_out": folder,
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    seen_while_writing = []
    renamed = []
    real_replace = os.replace

    def replace(source, target):
        # Just before the rename: what a worker listing the folder now would find.
        seen_while_writing.extend(name for name in os.listdir(folder) if name.endswith(".msg"))
        renamed.append(os.path.basename(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with Connection(transport=Transport, transport_options=options) as connection:
        queue = connection.SimpleQueue("reports")
        queue.put({"report": "42"})
        assert len(renamed) == 1
        assert seen_while_writing == []
        assert queue.get(timeout=1).payload == {"report": "42"}
        queue.close()


def test_the_portal_uses_it_for_the_filesystem_broker_only(settings):
    uses_filesystem = settings.CELERY_BROKER_URL.startswith("filesystem")
    expected = "plus_portal.broker:Transport" if uses_filesystem else None
    assert getattr(settings, "CELERY_BROKER_TRANSPORT", None) == expected
