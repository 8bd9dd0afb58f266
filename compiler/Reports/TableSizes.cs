namespace VtdDsl.Compiler.Reports;

/// <summary>One unit's hardware tables as the image writer lays them out.</summary>
/// <param name="Unit">The unit's index.</param>
/// <param name="ContextTables">Context-table pages.</param>
/// <param name="PageTablesByLevel">Second-level page-table pages per level: index 1 (leaf tables) to 5.</param>
/// <param name="InterruptEntries">Interrupt-remapping entries.</param>
/// <param name="InterruptTablePages">Interrupt-remapping table pages.</param>
/// <param name="PasidDirectoryPages">PASID directory pages (scalable mode).</param>
/// <param name="PasidTablePages">PASID table pages (scalable mode).</param>
/// <param name="Bytes">Everything the unit's tables take, in bytes.</param>
public sealed record UnitTableSize(
    int Unit,
    int ContextTables,
    IReadOnlyList<int> PageTablesByLevel,
    int InterruptEntries,
    int InterruptTablePages,
    int PasidDirectoryPages,
    int PasidTablePages,
    ulong Bytes)
{
    /// <summary>Page-table pages over all levels.</summary>
    public int PageTables
    {
        get
        {
            int total = 0;
            foreach (int count in PageTablesByLevel) total += count;
            return total;
        }
    }
}

/// <summary>
/// The sizes of the tables <c>vtd image</c> would write, or why there are none. The compiler
/// core does not reference the runtime: the host that does (the CLI) plans the image and hands
/// the sizes to the review sheet.
/// </summary>
/// <param name="Units">Each unit's tables, or null when the runtime refuses the tables.</param>
/// <param name="Problem">Why the runtime refuses them.</param>
public sealed record TableSizes(IReadOnlyList<UnitTableSize>? Units, string? Problem);
