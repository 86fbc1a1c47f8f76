namespace Oversight.Compliance;

/// <summary>The "Compliance" configuration section.</summary>
public sealed class ComplianceOptions
{
    /// <summary>Where reports are fetched from (the ingestion service), e.g. http://127.0.0.1:5101.</summary>
    public string? Ingestion { get; set; }

    public TimeSpan IngestionCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On first start, fill an empty registry with every county- and township-level division shipped with the platform.</summary>
    public bool SeedRegistry { get; set; } = true;

    /// <summary>
    /// How often each replica reads the rule packs' latest versions and reloads its packs when another replica stored
    /// one: a version upserted through one replica is in force on every replica within this time.
    /// </summary>
    public TimeSpan RulePackReloadInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Reports fetched and read at once during a sweep (the rest are re-checked from what was stored).</summary>
    public int SweepParallelism { get; set; } = 4;

    public ScheduleOptions Schedule { get; set; } = new();

    public ReuseOptions Reuse { get; set; } = new();

    public RegistryImportOptions Registry { get; set; } = new();
}

/// <summary>What one ImportRegistry stream may make the service hold and read ("Compliance:Registry").</summary>
public sealed class RegistryImportOptions
{
    /// <summary>The longest CSV line, in bytes: a longer one ends the import (INVALID_ARGUMENT, CSV_LINE_TOO_LONG) before it is buffered.</summary>
    public int MaxLineBytes { get; set; } = Registry.RegistryCsv.DefaultMaxLineBytes;

    /// <summary>
    /// The most lines one import reads: past it the import ends (RESOURCE_EXHAUSTED, CSV_TOO_MANY_LINES); what was
    /// stored stays, audited as partial.
    /// </summary>
    public long MaxLines { get; set; } = Registry.RegistryCsv.DefaultMaxLines;
}

/// <summary>Copy detection's index (the thresholds for findings are in the rule packs).</summary>
public sealed class ReuseOptions
{
    /// <summary>
    /// A passage held by this many reports is common phrasing (wording every body uses), evidence of copying for no one;
    /// it is no longer indexed, which also bounds each lookup.
    /// </summary>
    public int CommonReports { get; set; } = Analysis.Reuse.ReuseIndex.DefaultCommonReports;
}

/// <summary>Sweeps the service starts by itself. Each run is a slot claimed in the database, so a slot runs once across restarts and replicas.</summary>
public sealed class ScheduleOptions
{
    public bool Enabled { get; set; }

    /// <summary>Daily sweep time of day, China time (+08:00), e.g. 02:00.</summary>
    public TimeSpan DailyAt { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Also sweep on the day after each disclosure deadline (its first late day: April 1 for the national baseline,
    /// whose reports are due before April 1).
    /// </summary>
    public bool DayAfterDeadline { get; set; } = true;

    /// <summary>Scope of scheduled sweeps, a GB/T 2260 code prefix (a bad one refuses the start); empty for everything.</summary>
    public string ScopePrefix { get; set; } = "";

    /// <summary>How often the scheduler looks for a due slot.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A sweep still running with no beat for this long died with its process (SIGKILL, a lost node): the scheduler
    /// records it as interrupted and runs its slot again. A live sweep beats after every batch of 500 reports.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);
}
