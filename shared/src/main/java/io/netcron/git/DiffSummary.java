package io.netcron.git;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What a commit changed: file paths by kind, and lines added and removed (text files; binary files count no lines). */
public record DiffSummary(List<String> added, List<String> changed, List<String> removed, int linesAdded, int linesRemoved)
{
    public static final DiffSummary NONE = new DiffSummary(List.of(), List.of(), List.of(), 0, 0);

    public DiffSummary
    {
        added = List.copyOf(requireNonNull(added, "added is null"));
        changed = List.copyOf(requireNonNull(changed, "changed is null"));
        removed = List.copyOf(requireNonNull(removed, "removed is null"));
    }

    public int files()
    {
        return added.size() + changed.size() + removed.size();
    }

    /** {@code 2 added, 1 changed, 0 removed, +14 -3}. */
    @Override
    public String toString()
    {
        return added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed, +" + linesAdded + " -" + linesRemoved;
    }
}
