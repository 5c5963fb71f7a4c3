"""automation_core as netcron provides it: base_task and auth come from netcron, every other
module (ipam_client, ssh helpers, ...) from the user's own automation_core, unchanged."""
