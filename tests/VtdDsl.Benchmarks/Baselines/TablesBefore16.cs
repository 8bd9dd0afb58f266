using System;

namespace VtdDsl.Benchmarks.Baselines;

/// <summary>The table columns <see cref="EngineBefore16"/> reads: <c>IPolicyTables</c> before #16, DMA members only.</summary>
public interface ITablesBefore16
{
    ReadOnlySpan<uint> ScopeFirst { get; }
    ReadOnlySpan<uint> ScopeLast { get; }
    ReadOnlySpan<byte> ScopeUnit { get; }
    ReadOnlySpan<ushort> RootEntries { get; }
    ReadOnlySpan<ushort> ContextEntries { get; }
    ReadOnlySpan<ushort> DomainId { get; }
    ReadOnlySpan<byte> DomainWidth { get; }
    ReadOnlySpan<byte> DomainFlags { get; }
    ReadOnlySpan<int> DomainWindowStart { get; }
    ReadOnlySpan<ulong> WindowIova { get; }
    ReadOnlySpan<ulong> WindowLast { get; }
    ReadOnlySpan<ulong> WindowHost { get; }
    ReadOnlySpan<byte> WindowRights { get; }
}

/// <summary>
/// The columns of before #16 over arrays (as <c>ArrayPolicyTables</c> held them then), made from
/// today's tables: the domain and window records split back into columns, in the same order.
/// </summary>
public readonly struct TablesBefore16 : ITablesBefore16
{
    private readonly uint[] _scopeFirst, _scopeLast;
    private readonly byte[] _scopeUnit, _domainWidth, _domainFlags, _windowRights;
    private readonly ushort[] _rootEntries, _contextEntries, _domainId;
    private readonly int[] _domainWindowStart;
    private readonly ulong[] _windowIova, _windowLast, _windowHost;

    public TablesBefore16(in ArrayPolicyTables tables)
    {
        _scopeFirst = tables.ScopeFirst.ToArray();
        _scopeLast = tables.ScopeLast.ToArray();
        _scopeUnit = tables.ScopeUnit.ToArray();
        _rootEntries = tables.RootEntries.ToArray();
        _contextEntries = tables.ContextEntries.ToArray();
        var domains = tables.Domains;
        _domainId = new ushort[domains.Length];
        _domainWidth = new byte[domains.Length];
        _domainFlags = new byte[domains.Length];
        _domainWindowStart = new int[domains.Length + 1];
        for (int d = 0; d < domains.Length; d++)
        {
            _domainId[d] = domains[d].Id;
            _domainWidth[d] = domains[d].Width;
            _domainFlags[d] = domains[d].Flags;
            _domainWindowStart[d] = domains[d].WindowStart;
        }
        var windows = tables.Windows;
        _domainWindowStart[domains.Length] = windows.Length;
        _windowIova = new ulong[windows.Length];
        _windowLast = new ulong[windows.Length];
        _windowHost = new ulong[windows.Length];
        _windowRights = new byte[windows.Length];
        for (int w = 0; w < windows.Length; w++)
        {
            _windowIova[w] = windows[w].Iova;
            _windowLast[w] = windows[w].Last;
            _windowHost[w] = windows[w].Host;
            _windowRights[w] = windows[w].Rights;
        }
    }

    public ReadOnlySpan<uint> ScopeFirst => _scopeFirst;
    public ReadOnlySpan<uint> ScopeLast => _scopeLast;
    public ReadOnlySpan<byte> ScopeUnit => _scopeUnit;
    public ReadOnlySpan<ushort> RootEntries => _rootEntries;
    public ReadOnlySpan<ushort> ContextEntries => _contextEntries;
    public ReadOnlySpan<ushort> DomainId => _domainId;
    public ReadOnlySpan<byte> DomainWidth => _domainWidth;
    public ReadOnlySpan<byte> DomainFlags => _domainFlags;
    public ReadOnlySpan<int> DomainWindowStart => _domainWindowStart;
    public ReadOnlySpan<ulong> WindowIova => _windowIova;
    public ReadOnlySpan<ulong> WindowLast => _windowLast;
    public ReadOnlySpan<ulong> WindowHost => _windowHost;
    public ReadOnlySpan<byte> WindowRights => _windowRights;
}

/// <summary>The engine before #16 over its columns.</summary>
public sealed class EngineBefore16Runner : IPolicyRunner
{
    private readonly TablesBefore16 _tables;

    public EngineBefore16Runner(in ArrayPolicyTables tables) => _tables = new TablesBefore16(in tables);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public ulong Translate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in probes.AsSpan())
        {
            var answer = EngineBefore16.Translate(in _tables, probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    public DmaTranslation TranslateOne(Probe probe) => EngineBefore16.Translate(in _tables, probe.Source, probe.Address, probe.Access);
}
