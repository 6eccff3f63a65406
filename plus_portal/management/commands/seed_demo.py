import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand

from municipalities.demo import DemoWorld

# Each app adds its part of the demo in its own demo.py; later parts build on earlier ones.
DEMO_APPS = [
    "municipalities",
    "swot",
    "actionplans",
    "staffing",
    "execution",
    "monitoring",
    "surveys",
]


class Command(BaseCommand):
    help = "Create (or refresh) believable demo data and print the demo logins. Idempotent."

    def handle(self, *args, **options):
        world = DemoWorld()
        for label in DEMO_APPS:
            module_name = f"{apps.get_app_config(label).name}.demo"
            if importlib.util.find_spec(module_name):
                importlib.import_module(module_name).seed(world)
        self.stdout.write("Demo data ready. Log in at http://127.0.0.1:8000/ with:")
        for username, password, role in world.logins:
            self.stdout.write(f"  {username:<24} {password:<16} {role}")
