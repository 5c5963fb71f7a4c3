package io.netcron.server.catalog;

import io.netcron.job.SqlEnum;

public enum JobKind
        implements SqlEnum
{
    JAVA,
    SCRIPT
}
