"""BaseTask for tasks run by netcron: the same class attributes as the old framework."""
import json
import logging
import os
from typing import Any, Dict, Optional


class BaseTask:
    name: str = ""
    description: str = ""
    category: str = "general"
    default_schedule: Optional[str] = None
    max_runtime: int = 1800

    def __init__(self, *args, **kwargs):
        self.logger = logging.getLogger(self.name or type(self).__name__)
        self.params: Dict[str, Any] = json.loads(os.environ.get("NETCRON_PARAMS") or "{}")
        self.run_id = os.environ.get("NETCRON_RUN_ID")
        self.attempt = int(os.environ.get("NETCRON_ATTEMPT") or "1")

    def get_credential(self, name: str, field: Optional[str] = None):
        from automation_core.auth import get_credential
        return get_credential(name, field)

    def execute(self) -> Dict[str, Any]:
        raise NotImplementedError("%s does not implement execute()" % type(self).__name__)

    def run(self) -> Dict[str, Any]:
        return self.execute()
