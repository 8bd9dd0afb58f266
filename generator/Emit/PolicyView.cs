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

    private PolicyView(PolicySource source, IReadOnlyList<DeviceView> devices, CancellationToken cancellationToken)
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
        DeviceTableLines = CompactDevices ? PackedDevices(source, cancellationToken) : System.Array.Empty<string>();
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

    /// <summary>More devices than a reader looks through: fields of one struct over a packed table, one short line each.</summary>
    public bool CompactDevices { get; }

    /// <summary>With <see cref="CompactDevices"/>: the packed source ids of the devices, in lines.</summary>
    public IReadOnlyList<string> DeviceTableLines { get; }

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
        return new PolicyView(source, devices, cancellationToken);
    }

    /// <summary>The named devices' source ids (segment &lt;&lt; 16 | requester id), in order, as packed lines.</summary>
    private static IReadOnlyList<string> PackedDevices(PolicySource source, CancellationToken cancellationToken)
    {
        var values = new ulong[source.Devices.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var device = source.Devices[i];
            values[i] = (ulong)device.Segment << 16 | (ulong)device.Bus << 8 | (ulong)device.Device << 3 | device.Function;
        }
        return PackedTableEncoder.Lines(PackedTableEncoder.Encode(values, elementSize: 4, stride: 1, cancellationToken), TableWriter.PackedLineLength);
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
        }

        public string Identifier { get; }
        public string SpecName { get; }
        public string SourceText { get; }
        public string? Via { get; }
        public string DomainName { get; }
        public int Line { get; }
        public string ConstructorArguments { get; }
    }
}
