package io.netcron.server.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A small tree of the old Python framework, as its users have it: BaseTask modules, legacy scripts, schedules.yml, automation_core. */
public final class LegacyTree
{
    private LegacyTree() {}

    public static Path create(Path root)
            throws IOException
    {
        automationCore(root);
        write(root, "scripts/inventory/__init__.py", "");
        write(root, "scripts/inventory/count_devices.py", """
                from typing import Any, Dict

                from automation_core.base_task import BaseTask
                from automation_core.auth import get_credential
                from automation_core.ipam_client import IPAMClient


                class CountDevices(BaseTask):
                    name = "count_devices"
                    description = "Counts devices in the IPAM"
                    category = "inventory"
                    default_schedule = "0 * * * *"
                    max_runtime = 600  # seconds

                    def execute(self) -> Dict[str, Any]:
                        token = get_credential("ipam", "token")
                        client = IPAMClient(token)
                        self.logger.info("counting")
                        print("token length", len(token))
                        return {"devices": len(client.devices()), "site": self.params.get("site")}
                """);
        write(root, "scripts/backup/config_backup.py", """
                from automation_core.base_task import BaseTask


                class ConfigBackup(BaseTask):
                    name = 'config_backup'
                    description = 'Backs up configs'
                    category = 'backup'
                    default_schedule = '0 2 * * *'
                    max_runtime = 2 * 3600
                    retries = 2

                    def execute(self):
                        return {"backed_up": 0}
                """);
        write(root, "scripts/reports/weekly.py", """
                from automation_core.base_task import BaseTask
                import os

                SCHEDULE = os.environ.get("X", "0 0 * * 1")


                class Weekly(BaseTask):
                    name = "weekly_report"
                    default_schedule = SCHEDULE
                    max_runtime = 300

                    def execute(self):
                        return {}
                """);
        write(root, "cleanup_tmp.py", "#!/usr/bin/env python3\nprint('cleaned')\n");
        write(root, "rotate_logs.sh", "#!/bin/sh\necho rotated\n");
        write(root, "scheduler_entrypoint.py", "# the old daemon\n");
        write(root, "config/schedules.yml", """
                schedules:
                  config_backup: "30 3 * * *"
                  weekly_report:
                    schedule: "0 6 * * 1"
                    max_runtime: 900
                  count_devices:
                    enabled: true
                """);
        Files.setPosixFilePermissions(root.resolve("rotate_logs.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    /**
     * The old framework's own package as a user's tree has it: its BaseTask and auth (which must not
     * be imported under netcron: the shim provides them) and the user's IPAM client (which must be).
     */
    public static void automationCore(Path root)
            throws IOException
    {
        write(root, "automation_core/__init__.py", "from .base_task import BaseTask\n");
        write(root, "automation_core/base_task.py", "raise ImportError('the old BaseTask must not be imported under netcron')\n");
        write(root, "automation_core/auth.py", "raise ImportError('the old auth must not be imported under netcron')\n");
        write(root, "automation_core/ipam_client.py", """
                class IPAMClient:
                    def __init__(self, token):
                        self.token = token

                    def devices(self):
                        return ["sw1", "sw2", "sw3"]
                """);
        write(root, "scripts/__init__.py", "");
    }

    public static void write(Path root, String path, String text)
            throws IOException
    {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
