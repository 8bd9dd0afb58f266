using System.Collections.Generic;
using System.Text;
using System.Threading;
using VtdDsl.Compiler.Collections;
using VtdDsl.Compiler.Layout;

namespace VtdDsl.Generator.Emit;

/// <summary>
/// Formats the layout's arrays as C# array creations over constant data, in the member order of
/// <c>IPolicyTables</c> then <c>IPasidTables</c>. Done in C# rather than in the template: a table may have 100,000 rows.
/// </summary>
internal static class TableFormatter
{
    /// <summary>Indentation of the array's rows inside the generated file (class, struct, property).</summary>
    private const string RowIndent = "                ";
    private const string BraceIndent = "            ";

    /// <summary>The class holding tables kept in static arrays (unoptimized builds).</summary>
    public const string StaticClass = "TableData";

    public static IReadOnlyList<TableColumn> Format(PolicyLayout layout, bool tablesInImage, CancellationToken cancellationToken)
    {
        var f = new Formatter(tablesInImage, cancellationToken);
        return new[]
        {
            f.Column("uint", nameof(layout.ScopeFirst), layout.ScopeFirst, v => v, NumberFormat.Hex),
            f.Column("uint", nameof(layout.ScopeLast), layout.ScopeLast, v => v, NumberFormat.Hex),
            f.Column("byte", nameof(layout.ScopeUnit), layout.ScopeUnit, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.UnitSegment), layout.UnitSegment, v => v, NumberFormat.Hex),
            f.Column("byte", nameof(layout.UnitCapabilities), layout.UnitCapabilities, v => v, NumberFormat.Hex),
            f.Column("int", nameof(layout.UnitInterruptEntries), layout.UnitInterruptEntries, v => (ulong)v, NumberFormat.Decimal),
            f.Column("int", nameof(layout.UnitInterruptStart), layout.UnitInterruptStart, v => (ulong)v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.RootEntries), layout.RootEntries, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.ContextEntries), layout.ContextEntries, v => v, NumberFormat.Decimal),
            f.Column("byte", nameof(layout.ContextFlags), layout.ContextFlags, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.DomainId), layout.DomainId, v => v, NumberFormat.Decimal),
            f.Column("byte", nameof(layout.DomainWidth), layout.DomainWidth, v => v, NumberFormat.Decimal),
            f.Column("byte", nameof(layout.DomainFlags), layout.DomainFlags, v => v, NumberFormat.Decimal),
            f.Column("int", nameof(layout.DomainWindowStart), layout.DomainWindowStart, v => (ulong)v, NumberFormat.Decimal),
            f.Column("ulong", nameof(layout.WindowIova), layout.WindowIova, v => v, NumberFormat.Hex),
            f.Column("ulong", nameof(layout.WindowLast), layout.WindowLast, v => v, NumberFormat.Hex),
            f.Column("ulong", nameof(layout.WindowHost), layout.WindowHost, v => v, NumberFormat.Hex),
            f.Column("byte", nameof(layout.WindowRights), layout.WindowRights, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.InterruptIndex), layout.InterruptIndex, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.InterruptSource), layout.InterruptSource, v => v, NumberFormat.Hex),
            f.Column("byte", nameof(layout.InterruptVector), layout.InterruptVector, v => v, NumberFormat.Hex),
            f.Column("uint", nameof(layout.InterruptDestination), layout.InterruptDestination, v => v, NumberFormat.Decimal),
            f.Column("byte", nameof(layout.InterruptFlags), layout.InterruptFlags, v => v, NumberFormat.Decimal),
            f.Column("byte", nameof(layout.UnitPasidBits), layout.UnitPasidBits, v => v, NumberFormat.Decimal),
            f.Column("uint", nameof(layout.PasidOwner), layout.PasidOwner, v => v, NumberFormat.Hex),
            f.Column("int", nameof(layout.PasidOwnerStart), layout.PasidOwnerStart, v => (ulong)v, NumberFormat.Decimal),
            f.Column("uint", nameof(layout.PasidValue), layout.PasidValue, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.PasidTarget), layout.PasidTarget, v => v, NumberFormat.Decimal),
            f.Column("byte", nameof(layout.PasidFlags), layout.PasidFlags, v => v, NumberFormat.Decimal),
            f.Column("ushort", nameof(layout.ProcessDomainId), layout.ProcessDomainId, v => v, NumberFormat.Decimal),
        };
    }

    private sealed class Formatter
    {
        private readonly bool _tablesInImage;
        private readonly CancellationToken _cancellationToken;
        private readonly StringBuilder _text = new();

        public Formatter(bool tablesInImage, CancellationToken cancellationToken)
        {
            _tablesInImage = tablesInImage;
            _cancellationToken = cancellationToken;
        }

        public TableColumn Column<T>(string type, string name, EquatableArray<T> values, System.Func<T, ulong> widen, NumberFormat format)
            where T : System.IEquatable<T>
        {
            if (values.IsEmpty) return new TableColumn(type, name, 0, "default");

            // 16 values a row; 64-bit addresses are wide, so 4 of them.
            int perRow = type == "ulong" ? 4 : format == NumberFormat.Hex && type == "uint" ? 8 : 16;
            _text.Clear();
            _text.Append("new ").Append(type).Append("[]\n").Append(BraceIndent).Append("{\n");
            int count = values.Count;
            for (int i = 0; i < count; i++)
            {
                if (i % perRow == 0)
                {
                    if ((i & 0xFFF) == 0) _cancellationToken.ThrowIfCancellationRequested();
                    if (i > 0) _text.Append('\n');
                    _text.Append(RowIndent);
                }
                else
                {
                    _text.Append(' ');
                }
                NumberWriter.Append(_text, widen(values[i]), format);
                _text.Append(',');
            }
            _text.Append('\n').Append(BraceIndent).Append('}');
            // byte data is stored in the image in every build; wider types only when optimizing.
            return _tablesInImage || type == "byte"
                ? new TableColumn(type, name, count, _text.ToString())
                : new TableColumn(type, name, count, StaticClass + "." + name, _text.ToString());
        }
    }
}
