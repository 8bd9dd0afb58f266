using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VtdDsl.Tests.Runtime;

public class FaultLogTests
{
    private static readonly SourceId Nic = SourceId.Parse("03:00.0");

    private static FaultRecord Dma(ulong address) => FaultRecord.ForDma(Nic, address, DmaAccess.Write, FaultReason.WriteDenied);

    [Fact]
    public void An_interrupt_request_is_not_recorded_but_a_blocked_read_of_the_interrupt_range_is()
    {
        var log = new FaultLog(4);
        Assert.False(log.Record(Nic, DmaTranslation.InterruptRange(0xFEE0_0000, DmaAccess.Write), DmaAccess.Write));
        Assert.True(log.Record(Nic, DmaTranslation.InterruptRange(0xFEE0_0000, DmaAccess.Read), DmaAccess.Read));
        Assert.True(log.TryDequeue(out var record));
        Assert.Equal((FaultReason.InterruptAddressRange, 0xFEE0_0000UL), (record.Reason, record.Address));
    }

    [Fact]
    public void Records_come_out_oldest_first()
    {
        var log = new FaultLog(4);
        Assert.True(log.Record(Dma(0x1000)));
        Assert.True(log.Record(Dma(0x2000)));
        Assert.Equal(2, log.Count);
        Assert.True(log.TryDequeue(out var first));
        Assert.Equal(0x1000UL, first.Address);
        Assert.True(log.TryDequeue(out var second));
        Assert.Equal(0x2000UL, second.Address);
        Assert.False(log.TryDequeue(out var none));
        Assert.Equal(default, none);
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void Full_ring_drops_the_newest_and_counts_it()
    {
        var log = new FaultLog(3);
        for (ulong i = 1; i <= 5; i++) log.Record(Dma(i << 12));
        Assert.Equal(3, log.Count);
        Assert.Equal(2, log.DroppedCount);
        Span<FaultRecord> drained = new FaultRecord[8];
        Assert.Equal(3, log.Drain(drained));
        Assert.Equal(new ulong[] { 0x1000, 0x2000, 0x3000 }, drained[..3].ToArray().Select(r => r.Address));

        Assert.True(log.Record(Dma(0x9000))); // room again after draining
        Assert.Equal(2, log.DroppedCount);
    }

    [Fact]
    public void Ring_wraps_many_times()
    {
        var log = new FaultLog(3);
        for (ulong i = 0; i < 100; i++)
        {
            Assert.True(log.Record(Dma(i << 12)));
            if (i % 2 == 1)
            {
                Assert.True(log.TryDequeue(out var a));
                Assert.True(log.TryDequeue(out var b));
                Assert.Equal((i - 1) << 12, a.Address);
                Assert.Equal(i << 12, b.Address);
            }
        }
        Assert.Equal(0, log.DroppedCount);
    }

    [Fact]
    public void Capacity_one_holds_one_record()
    {
        var log = new FaultLog(1);
        Assert.True(log.Record(Dma(0x1000)));
        Assert.False(log.Record(Dma(0x2000)));
        Assert.True(log.TryDequeue(out var record));
        Assert.Equal(0x1000UL, record.Address);
        Assert.True(log.Record(Dma(0x3000)));
        Assert.Equal(1, log.DroppedCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultLog(0));
    }

    [Fact]
    public void Records_translations_and_interrupts_but_not_successes()
    {
        var log = new FaultLog(8);
        Assert.False(log.Record(Nic, DmaTranslation.Allowed(0x10, 0x10, 1), DmaAccess.Read));
        Assert.False(log.Record(Nic, 3, InterruptRemap.Remapped(0x41, 0, DeliveryMode.Fixed, TriggerMode.Edge)));
        Assert.True(log.Record(Nic, DmaTranslation.Faulted(0x1234_5678, FaultReason.ReadDenied, 2), DmaAccess.Read));
        Assert.True(log.Record(Nic, 7, InterruptRemap.Faulted(FaultReason.SourceMismatch)));

        var records = new FaultRecord[4];
        Assert.Equal(2, log.Drain(records));
        Assert.Equal(FaultRecord.ForDma(Nic, 0x1234_5678, DmaAccess.Read, FaultReason.ReadDenied), records[0]);
        Assert.Equal((0x1234_5000UL, 0xC000_0006_0000_0300UL), records[0].ToRegister());
        Assert.True(records[1].IsInterrupt);
        Assert.Equal(7, records[1].InterruptIndex);
        Assert.Equal((0x0007_0000_0000_0000UL, 0x8000_0026_0000_0300UL), records[1].ToRegister());
        Assert.Equal(0, log.DroppedCount);
    }

    [Fact]
    public void Recording_and_draining_allocate_nothing()
    {
        var log = new FaultLog(64);
        var fault = DmaTranslation.Faulted(0x8000_0000, FaultReason.WriteDenied, 2);
        var interrupt = InterruptRemap.Faulted(FaultReason.InterruptEntryNotPresent);
        var records = new FaultRecord[16];
        long bytes = Infrastructure.Allocations.PerRun(() =>
        {
            ulong sink = 0;
            for (int i = 0; i < 1_000_000; i++) sink += Cycle(log, fault, interrupt, records, i);
            return sink;
        });
        Assert.Equal(0, bytes);

        static ulong Cycle(FaultLog log, in DmaTranslation fault, in InterruptRemap interrupt, Span<FaultRecord> buffer, int i)
        {
            log.Record(Nic, fault, DmaAccess.Write);
            log.Record(Nic, i & 0xFF, interrupt);
            ulong sum = 0;
            if (log.TryDequeue(out var record)) sum += record.ToRegister().Hi;
            if ((i & 15) == 0) sum += (ulong)log.Drain(buffer);
            return sum + (ulong)log.DroppedCount;
        }
    }

    [Fact]
    public async Task Concurrent_producers_and_consumers_lose_and_duplicate_nothing()
    {
        const int producers = 4, perProducer = 50_000;
        var log = new FaultLog(256);
        var seen = new bool[producers * perProducer];
        int received = 0;
        int producing = producers;
        var consumers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (Volatile.Read(ref producing) > 0 || log.Count > 0)
            {
                if (!log.TryDequeue(out var record)) { Thread.Yield(); continue; }
                int id = (int)(record.Address >> 12);
                Assert.False(Interlocked.Exchange(ref seen[id], true), $"record {id} dequeued twice");
                Interlocked.Increment(ref received);
            }
        })).ToArray();
        var writers = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < perProducer; i++) log.Record(Dma((ulong)(p * perProducer + i) << 12));
            Interlocked.Decrement(ref producing);
        })).ToArray();
        await Task.WhenAll(writers);
        await Task.WhenAll(consumers);
        while (log.TryDequeue(out var rest))
        {
            Assert.False(seen[(int)(rest.Address >> 12)]);
            received++;
        }
        Assert.Equal(producers * perProducer, received + log.DroppedCount);
    }
}
