import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plus_portal.settings.local")

# DjangoTask gives every task delay_on_commit(): queued only once the caller's
# transaction has committed, so a worker never looks for a row it cannot see yet.
app = Celery("plus_portal", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _create_broker_folder(sender: Celery, **kwargs) -> None:
    folder = sender.conf.broker_transport_options.get("data_folder_in")
    if sender.conf.broker_url.startswith("filesystem") and folder:
        os.makedirs(folder, exist_ok=True)
        os.makedirs(sender.conf.broker_transport_options["control_folder"], exist_ok=True)
