"""netcron's shim for the old automation framework: runs an unchanged BaseTask module as a script job."""
