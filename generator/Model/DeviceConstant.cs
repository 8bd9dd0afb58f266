namespace VtdDsl.Generator.Model;

/// <summary>A <c>Devices.X</c> constant: a named device's source id, its domain and its line.</summary>
internal sealed record DeviceConstant(
    string Identifier,
    string SpecName,
    ushort Segment,
    byte Bus,
    byte Device,
    byte Function,
    string? Via,
    string DomainName,
    int Line);
