using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using VtdDsl.Generator.Model;

namespace VtdDsl.Generator.Emit;

/// <summary>
/// What the template sees (Scriban renames members to snake_case: <c>display_path</c>), with
/// everything that needs care already formatted: XML escaping, hexadecimal, big arrays.
/// </summary>
internal sealed class PolicyView
{
    private static readonly string Version =
        typeof(PolicyView).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    private PolicyView(PolicySource source, IReadOnlyList<DeviceView> devices)
    {
        PolicyName = source.PolicyName;
        Namespace = source.Namespace;
        TypeName = source.TypeName;
        DisplayPath = OneLine(source.DisplayPath);
        DisplayPathXml = Xml(DisplayPath);
        Domains = source.Domains;
        Processes = source.Processes;
        Devices = devices;
        HasPasids = source.HasPasids;
        CompactDevices = devices.Count > TableWriter.ReadableRowLimit;
        CompactDomains = source.Domains.Count > TableWriter.ReadableRowLimit;
        TablesFile = TablesHintName(source.HintName);
    }

    /// <summary>The hint name of the tables file beside the API file <paramref name="hintName"/> (<c>X.g.cs</c> → <c>X.Tables.g.cs</c>).</summary>
    public static string TablesHintName(string hintName) =>
        (hintName.EndsWith(".g.cs", System.StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - ".g.cs".Length) : hintName) + ".Tables.g.cs";

    /// <summary>A path as it may appear in a one-line comment.</summary>
    public static string OneLine(string path) => path.Replace("\n", " ").Replace("\r", " ");

    /// <summary>The generator's version, as written in the generated files' headers.</summary>
    public static string GeneratorVersionText => Version;

    public string GeneratorVersion => Version;
    public string PolicyName { get; }
    public string Namespace { get; }
    public string TypeName { get; }
    public string DisplayPath { get; }
    public string DisplayPathXml { get; }
    public IEnumerable<DomainConstant> Domains { get; }
    public IEnumerable<ProcessConstant> Processes { get; }
    public IReadOnlyList<DeviceView> Devices { get; }

    /// <summary>Some unit is in scalable mode: PASID members are emitted.</summary>
    public bool HasPasids { get; }

    /// <summary>More devices than a reader looks through: one short line each, no documentation comment.</summary>
    public bool CompactDevices { get; }

    /// <summary>More domains than a reader looks through: constants without documentation comments.</summary>
    public bool CompactDomains { get; }

    /// <summary>The file holding the policy's tables.</summary>
    public string TablesFile { get; }

    public static PolicyView Create(PolicySource source, CancellationToken cancellationToken)
    {
        var devices = new List<DeviceView>(source.Devices.Count);
        foreach (var device in source.Devices)
        {
            if ((devices.Count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            devices.Add(new DeviceView(device));
        }
        return new PolicyView(source, devices);
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    internal sealed class DeviceView
    {
        public DeviceView(DeviceConstant device)
        {
            Identifier = device.Identifier;
            SpecName = device.SpecName;
            SourceText = string.Format(CultureInfo.InvariantCulture, "{0:x4}:{1:x2}:{2:x2}.{3:x1}", device.Segment, device.Bus, device.Device, device.Function);
            Via = device.Via;
            DomainName = device.DomainName;
            Line = device.Line;
            ConstructorArguments = string.Format(
                CultureInfo.InvariantCulture, "0x{0:X4}, 0x{1:X2}, 0x{2:X2}, {3}", device.Segment, device.Bus, device.Device, device.Function);
            ShortArguments = string.Format(
                CultureInfo.InvariantCulture, "{0},{1},{2},{3}", device.Segment, device.Bus, device.Device, device.Function);
        }

        public string Identifier { get; }
        public string SpecName { get; }
        public string SourceText { get; }
        public string? Via { get; }
        public string DomainName { get; }
        public int Line { get; }
        public string ConstructorArguments { get; }
        public string ShortArguments { get; }
    }
}
