using VtdDsl.Compiler.Navigation;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly int[] DomainCounts = { 16, 64, 256, 1024, 4096, 16384, 65536 };

    /// <summary>Units are numbered with one byte in the layout.</summary>
    public const int MaxUnits = 256;

    /// <summary>The unit every policy without an <c>iommu</c> gets: dmar0, defaults, all of segment 0.</summary>
    public static IommuUnit DefaultUnit(SourceSpan span) => new(
        "dmar0", span, IsImplicit: true, Segment: 0, ScopeAll: true, EquatableArray<SourceIdRange>.Empty,
        AddressWidths.Bits39 | AddressWidths.Bits48, IommuUnit.DefaultDomainCount, Superpages.TwoMiB | Superpages.OneGiB,
        SupportsPassthrough: true, IommuUnit.DefaultInterruptEntries, span, TranslationMode.Legacy, IommuUnit.DefaultPasidBits,
        X2Apic: false, GuestAddressWidth: 0, GuestAddressWidthSpan: default);

    private List<IommuUnit> BindUnits(VtdParser.DeclarationContext[] declarations)
    {
        var names = new NameTable("Iommu unit", NameKind.Unit);
        var units = new List<IommuUnit>();
        foreach (var declaration in declarations)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (declaration.iommuDecl() is not { } unit || BindContext.Name(unit.name()) is not { } name)
            {
                continue;
            }
            var nameSpan = BindContext.Span(unit.name());
            if (units.Count == MaxUnits)
            {
                // The tables number units with one byte (IPolicyTables.ScopeUnit): a 257th unit
                // would alias unit 0's root tables, and its devices another unit's domains.
                _context.Report(DiagnosticDescriptors.TooManyUnits, nameSpan, name, MaxUnits + 1, MaxUnits);
                continue;
            }
            if (names.Declare(_context, name, nameSpan, units.Count))
            {
                units.Add(BindUnit(name, nameSpan, unit.iommuStatement()));
            }
        }
        if (units.Count == 0)
        {
            units.Add(DefaultUnit(_tree.Start is { } start ? Spans.Of(start) : default));
        }
        return units;
    }

    private IommuUnit BindUnit(string name, SourceSpan nameSpan, VtdParser.IommuStatementContext[] statements)
    {
        var unit = DefaultUnit(nameSpan) with { Name = name, IsImplicit = false };
        var seen = new Dictionary<System.Type, SourceSpan>();
        foreach (var statement in statements)
        {
            if (statement.exception is not null)
            {
                continue;
            }
            if (statement is VtdParser.UnknownUnitStatementContext unknown)
            {
                ReportUnknownStatement(unknown.unknownStatement(), $"iommu '{name}'", UnitStatementKeywords);
                continue;
            }
            var span = BindContext.Span(statement);
            if (seen.TryGetValue(statement.GetType(), out var earlier))
            {
                _context.Report(DiagnosticDescriptors.SettingGivenTwice, span, earlier, statement.Start.Text, $"iommu '{name}'");
                continue;
            }
            seen.Add(statement.GetType(), span);
            unit = statement switch
            {
                VtdParser.SegmentStatementContext segment => BindSegment(unit, segment),
                VtdParser.ScopeStatementContext scope => BindScope(unit, scope.scopeList()),
                VtdParser.UnitWidthsStatementContext widths => BindUnitWidths(unit, widths),
                VtdParser.DomainCountStatementContext count => BindDomainCount(unit, count),
                VtdParser.SuperpagesStatementContext superpages => BindSuperpages(unit, superpages.superpageList()),
                VtdParser.PassthroughSupportStatementContext passthrough => unit with { SupportsPassthrough = passthrough.NONE() is null },
                VtdParser.InterruptCountStatementContext interrupts => BindInterruptCount(unit, interrupts),
                VtdParser.UnitModeStatementContext mode => unit with { Mode = mode.SCALABLE() is not null ? TranslationMode.Scalable : TranslationMode.Legacy },
                VtdParser.PasidBitsStatementContext pasidBits => BindPasidBits(unit, pasidBits),
                VtdParser.X2apicStatementContext => unit with { X2Apic = true },
                VtdParser.GuestWidthStatementContext guestWidth => BindGuestWidth(unit, guestWidth),
                _ => unit,
            };
        }
        return unit;
    }

    private IommuUnit BindSegment(IommuUnit unit, VtdParser.SegmentStatementContext statement)
    {
        if (_context.Number(statement.number()) is not { } segment)
        {
            return unit;
        }
        if (segment > 0xFFFF)
        {
            _context.Report(DiagnosticDescriptors.SegmentOutOfRange, BindContext.Span(statement.number()), segment, unit.Name);
            return unit;
        }
        return unit with { Segment = (ushort)segment };
    }

    private IommuUnit BindScope(IommuUnit unit, VtdParser.ScopeListContext? list)
    {
        if (list is null || list.ALL() is not null)
        {
            return unit with { ScopeAll = true, Scope = EquatableArray<SourceIdRange>.Empty };
        }
        if (list.NONE() is not null)
        {
            // A DRHD whose device scope is empty: the unit exists but serves no device.
            return unit with { ScopeAll = false, Scope = EquatableArray<SourceIdRange>.Empty };
        }
        var ranges = new List<SourceIdRange>();
        foreach (var item in list.scopeItem())
        {
            var first = _context.SourceId(item.first);
            var last = item.last is null ? first : _context.SourceId(item.last);
            if (first is null || last is null)
            {
                continue;
            }
            var span = BindContext.Span(item);
            if (first.Value.Segment != last.Value.Segment || last.Value.Key < first.Value.Key)
            {
                _context.Report(DiagnosticDescriptors.EmptySourceIdRange, span, first.Value, last.Value);
                continue;
            }
            ranges.Add(new SourceIdRange(first.Value, last.Value, span));
        }
        return unit with { ScopeAll = false, Scope = ranges.ToEquatableArray() };
    }

    private IommuUnit BindUnitWidths(IommuUnit unit, VtdParser.UnitWidthsStatementContext statement)
    {
        var widths = AddressWidths.None;
        foreach (var number in statement.number())
        {
            if (_context.Number(number) is not { } bits)
            {
                continue;
            }
            var width = bits <= 64 ? AddressWidthsExtensions.FromBits((int)bits) : AddressWidths.None;
            if (width == AddressWidths.None)
            {
                _context.Report(DiagnosticDescriptors.InvalidAddressWidth, BindContext.Span(number), bits);
                continue;
            }
            widths |= width;
        }
        return widths == AddressWidths.None ? unit : unit with { Widths = widths };
    }

    private IommuUnit BindDomainCount(IommuUnit unit, VtdParser.DomainCountStatementContext statement)
    {
        if (_context.Number(statement.number()) is not { } count)
        {
            return unit;
        }
        if (System.Array.IndexOf(DomainCounts, count > int.MaxValue ? -1 : (int)count) < 0)
        {
            _context.Report(DiagnosticDescriptors.InvalidDomainCount, BindContext.Span(statement.number()), unit.Name, count);
            return unit;
        }
        return unit with { DomainCount = (int)count };
    }

    private IommuUnit BindSuperpages(IommuUnit unit, VtdParser.SuperpageListContext? list)
    {
        if (list is null || list.NONE() is not null)
        {
            return unit with { Superpages = Superpages.None };
        }
        var superpages = Superpages.None;
        foreach (var size in list.size())
        {
            switch (_context.Size(size))
            {
                case 2UL << 20:
                    superpages |= Superpages.TwoMiB;
                    break;
                case 1UL << 30:
                    superpages |= Superpages.OneGiB;
                    break;
                case null:
                    break;
                default:
                    _context.Report(DiagnosticDescriptors.UnsupportedSuperpageSize, BindContext.Span(size), size.GetText(), unit.Name);
                    break;
            }
        }
        return unit with { Superpages = superpages };
    }

    private IommuUnit BindInterruptCount(IommuUnit unit, VtdParser.InterruptCountStatementContext statement)
    {
        if (_context.Number(statement.number()) is not { } count)
        {
            return unit;
        }
        var span = BindContext.Span(statement.number());
        bool valid = count == 0 || (count >= 2 && count <= 65536 && (count & (count - 1)) == 0);
        if (!valid)
        {
            _context.Report(DiagnosticDescriptors.InvalidInterruptTableSize, span, unit.Name, count);
            return unit with { InterruptEntriesSpan = span };
        }
        return unit with { InterruptEntries = (int)count, InterruptEntriesSpan = span };
    }

    private IommuUnit BindPasidBits(IommuUnit unit, VtdParser.PasidBitsStatementContext statement)
    {
        if (_context.Number(statement.number()) is not { } bits)
        {
            return unit;
        }
        if (bits < 1 || bits > 20)
        {
            _context.Report(DiagnosticDescriptors.InvalidPasidBits, BindContext.Span(statement.number()), unit.Name, bits);
            return unit;
        }
        return unit with { PasidBits = (int)bits };
    }

    private IommuUnit BindGuestWidth(IommuUnit unit, VtdParser.GuestWidthStatementContext statement)
    {
        if (_context.Number(statement.number()) is not { } bits)
        {
            return unit;
        }
        var span = BindContext.Span(statement.number());
        // CAP.MGAW is a 6-bit field holding width − 1; VT-d tables translate at most 57 bits.
        if (bits < MinGuestAddressWidth || bits > 57)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedDomainWidth, span,
                $"Iommu '{unit.Name}' declares guest-address-width {bits}; it is {MinGuestAddressWidth} to 57 bits");
            return unit;
        }
        return unit with { GuestAddressWidth = (int)bits, GuestAddressWidthSpan = span };
    }

    /// <summary>The smallest guest address width accepted: one 4 KiB page table level above the page offset.</summary>
    public const int MinGuestAddressWidth = 21;

    /// <summary>
    /// The unit serving a source id: one whose scope lists it explicitly, else the segment's
    /// <c>scope all</c> unit (as DRHD INCLUDE_PCI_ALL serves what others do not list); -1 for none.
    /// </summary>
    public static int UnitFor(IReadOnlyList<IommuUnit> units, PciAddress address)
    {
        int all = -1;
        for (int i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (unit.Segment != address.Segment)
            {
                continue;
            }
            if (unit.ScopeAll)
            {
                if (all < 0) all = i;
                continue;
            }
            foreach (var range in unit.Scope)
            {
                if (range.Contains(address)) return i;
            }
        }
        return all;
    }
}
