namespace VtdDsl.Compiler.Reports.Map;

/// <summary>How one window of the new version changed, and whether it lets a device write host memory it could not write before.</summary>
public readonly record struct WindowMark(WindowChange Change, bool GainsWrite, string Note);

/// <summary>A window of the old version that the new one no longer has; drawn as a ghost in its domain's row.</summary>
public sealed record RemovedWindow(string Domain, Window Window, string Tooltip);

/// <summary>
/// What the diff map marks on the new version's map: each changed window of the new version
/// (keyed by domain index and window index in the new policy), and the removed windows.
/// </summary>
public sealed record MapChanges(
    IReadOnlyDictionary<(int Domain, int Window), WindowMark> Marks,
    IReadOnlyList<RemovedWindow> Removed,
    ISet<string> AddedDomains,
    IReadOnlyList<(string Name, ushort Id)> RemovedDomains);
