using CsCheck;

namespace VtdDsl.Tests.Runtime;

/// <summary>A batch carries a domain's id and width from stage to stage as the one word the record holds them in.</summary>
public class DomainRecordTests
{
    [Fact]
    public void The_id_width_and_flags_word_holds_the_record_s_id_width_and_flags()
    {
        Gen.Select(Gen.UShort, Gen.Byte, Gen.Byte).Sample((id, width, flags) =>
        {
            var record = new DomainRecord(id, width, flags, windowStart: 7, windowCount: 3, rootChild: 5, [0x1000]);
            uint word = record.IdWidthAndFlags;
            Assert.Equal(id, (ushort)word);
            Assert.Equal(width, (byte)(word >> DomainRecord.WidthShift));
            Assert.Equal(flags, (byte)(word >> 24));
        });
    }
}
