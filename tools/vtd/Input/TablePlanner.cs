using VtdDsl.Compiler.Layout;
using VtdDsl.Compiler.Reports;

namespace VtdDsl.Tool.Input;

/// <summary>The sizes of the tables <c>vtd image</c> would write, from the runtime's image planner, for the review sheet.</summary>
internal static class TablePlanner
{
    /// <summary>Plans the image of a laid-out policy; no sizes (with the reason) when the runtime refuses the tables.</summary>
    public static TableSizes Plan(PolicyLayout layout)
    {
        try
        {
            var tables = RuntimeTables.From(layout);
            var plan = DmarImage.Plan(in tables);
            var sizes = new List<UnitTableSize>(plan.Units.Count);
            foreach (var unit in plan.Units)
            {
                var levels = new int[6];
                for (int level = 1; level <= 5; level++) levels[level] = unit.PageTables[level];
                sizes.Add(new UnitTableSize(unit.Unit, unit.ContextTables, levels, unit.InterruptEntries, unit.InterruptTablePages,
                    unit.PasidDirectoryPages, unit.PasidTablePages, unit.Bytes));
            }
            return new TableSizes(sizes, null);
        }
        catch (ArgumentException exception)
        {
            return new TableSizes(null, exception.Message);
        }
    }
}
