namespace VtdDsl.Generator;

/// <summary>
/// Names of the pipeline steps, for <c>WithTrackingName</c> and for the incremental tests
/// that check which steps were cached.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The <c>.vtd</c> AdditionalFiles, as (path, text).</summary>
    public const string VtdFiles = nameof(VtdFiles);

    /// <summary>The project directory, used to show spec paths relative to the project.</summary>
    public const string EmitOptions = nameof(EmitOptions);

    /// <summary>Each file compiled by the core: parse, bind, check, layout.</summary>
    public const string Compiled = nameof(Compiled);

    /// <summary>Policy names declared by more than one file (for the cross-file VTD1004).</summary>
    public const string DuplicatePolicies = nameof(DuplicatePolicies);

    /// <summary>The equatable model of each file: source model and diagnostics.</summary>
    public const string Model = nameof(Model);

    /// <summary>The diagnostics of each file.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>What is emitted for each policy that compiled without errors.</summary>
    public const string Source = nameof(Source);
}
