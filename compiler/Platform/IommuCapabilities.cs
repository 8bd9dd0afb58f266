using System.Globalization;
using System.Text.RegularExpressions;

namespace VtdDsl.Compiler.Platform;

/// <summary>
/// A unit's capability (CAP_REG) and extended capability (ECAP_REG) registers, decoded into what the
/// language states. Field positions as in the VT-d specification chapter 11 and Linux
/// <c>drivers/iommu/intel/iommu.h</c>.
/// </summary>
public readonly record struct IommuCapabilities(ulong Cap, ulong Ecap)
{
    /// <summary>CAP.ND (bits 2:0): 2^(4 + 2·ND) domain ids.</summary>
    public int DomainCount => (Cap & 7) <= 6 ? 1 << (4 + 2 * (int)(Cap & 7)) : 0;

    /// <summary>CAP.SAGAW (bits 12:8) as table widths: bit 1 39-bit, bit 2 48-bit, bit 3 57-bit.</summary>
    public IReadOnlyList<int> Widths
    {
        get
        {
            var widths = new List<int>(3);
            ulong sagaw = (Cap >> 8) & 0x1F;
            if ((sagaw & 2) != 0) widths.Add(39);
            if ((sagaw & 4) != 0) widths.Add(48);
            if ((sagaw & 8) != 0) widths.Add(57);
            return widths;
        }
    }

    /// <summary>CAP.MGAW (bits 21:16) + 1: the maximum guest address width.</summary>
    public int GuestAddressWidth => (int)((Cap >> 16) & 0x3F) + 1;

    /// <summary>CAP.SLLPS (bits 37:34): bit 34 2 MiB, bit 35 1 GiB pages.</summary>
    public bool Superpage2M => ((Cap >> 34) & 1) != 0;

    public bool Superpage1G => ((Cap >> 35) & 1) != 0;

    /// <summary>ECAP.IR (bit 3): interrupt remapping.</summary>
    public bool InterruptRemapping => ((Ecap >> 3) & 1) != 0;

    /// <summary>ECAP.EIM (bit 4): extended interrupt mode (x2APIC).</summary>
    public bool ExtendedInterruptMode => ((Ecap >> 4) & 1) != 0;

    /// <summary>ECAP.PT (bit 6): pass-through.</summary>
    public bool PassThrough => ((Ecap >> 6) & 1) != 0;

    /// <summary>ECAP.PSS (bits 39:35) + 1: PASID bits.</summary>
    public int PasidBits => (int)((Ecap >> 35) & 0x1F) + 1;

    /// <summary>ECAP.PASID (bit 40).</summary>
    public bool Pasid => ((Ecap >> 40) & 1) != 0;

    /// <summary>ECAP.SMTS (bit 43): scalable-mode translation.</summary>
    public bool ScalableMode => ((Ecap >> 43) & 1) != 0;

    /// <summary>A register value written in hexadecimal, with or without 0x.</summary>
    public static bool TryParseHex(string text, out ulong value)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text.Substring(2);
        return ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && text.Length > 0;
    }

    private static readonly Regex DmesgLine = new(
        @"reg_base_addr\s+(?<base>[0-9a-fA-F]+)\s+ver\s+\S+\s+cap\s+(?<cap>[0-9a-fA-F]+)\s+ecap\s+(?<ecap>[0-9a-fA-F]+)",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// The kernel's <c>DMAR: dmar0: reg_base_addr fed90000 ver 1:0 cap … ecap …</c> lines, by register
    /// base. Other lines are ignored; null with an error when no such line is present.
    /// </summary>
    public static Dictionary<ulong, IommuCapabilities>? FromDmesg(string text, out string? error)
    {
        error = null;
        var units = new Dictionary<ulong, IommuCapabilities>();
        foreach (Match match in DmesgLine.Matches(text))
        {
            if (!TryParseHex(match.Groups["base"].Value, out ulong registerBase)
                || !TryParseHex(match.Groups["cap"].Value, out ulong cap)
                || !TryParseHex(match.Groups["ecap"].Value, out ulong ecap))
            {
                continue;
            }
            units[registerBase] = new IommuCapabilities(cap, ecap);
        }
        if (units.Count == 0)
        {
            error = "no 'DMAR: dmarN: reg_base_addr … cap … ecap …' line";
            return null;
        }
        return units;
    }
}
