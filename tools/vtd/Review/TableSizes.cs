using System;
using System.Collections.Generic;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Tool.Review;

/// <summary>One unit's hardware tables, as <see cref="DmarImage.Plan"/> lays them out.</summary>
internal readonly record struct UnitTableSize(
    int Unit,
    int ContextTables,
    PageTableCounts PageTables,
    int InterruptEntries,
    int InterruptTablePages,
    int PasidDirectoryPages,
    int PasidTablePages,
    ulong Bytes);

/// <summary>Sizes of the tables <c>vtd image</c> would write, from the runtime's image planner.</summary>
internal static class TableSizes
{
    /// <summary>Plans the image of a laid-out policy; null (with the reason) when the runtime refuses the tables.</summary>
    public static IReadOnlyList<UnitTableSize>? Plan(PolicyLayout layout, out string? problem)
    {
        problem = null;
        try
        {
            var tables = ToTables(layout);
            var plan = DmarImage.Plan(in tables);
            var sizes = new List<UnitTableSize>(plan.Units.Count);
            foreach (var unit in plan.Units)
            {
                sizes.Add(new UnitTableSize(unit.Unit, unit.ContextTables, unit.PageTables, unit.InterruptEntries, unit.InterruptTablePages,
                    unit.PasidDirectoryPages, unit.PasidTablePages, unit.Bytes));
            }
            return sizes;
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    /// <summary>The layout's arrays as the runtime's <see cref="ArrayPolicyTables"/> (shared with translate, interrupt and image).</summary>
    public static ArrayPolicyTables ToTables(PolicyLayout layout) => Input.RuntimeTables.From(layout);
}
