namespace ProdStatus.Samples;

/// <summary>Generates a task's jobs from a seed: the same seed always gives the same jobs, on every machine.</summary>
internal static class SampleTasks
{
    public static ScenarioTask Build(long taskId, long requestId, string name, TaskSpec spec, DateTimeOffset start,
        PandaFlavour flavour, ulong seed)
    {
        long firstPandaId = 5_812_760 + (taskId * 10_000);
        long requestMb = RequestMb(spec);
        IEnumerable<ScenarioJob> Jobs() => Generate(spec, start, firstPandaId, seed, requestMb);

        // One pass for the task-level figures; jobs themselves are regenerated on demand.
        long count = 0, failedQuanta = 0;
        DateTimeOffset? end = null;
        var lastQuantum = -1L;
        var lastStatus = "";
        foreach (var job in Jobs())
        {
            count++;
            if (job.Quantum != lastQuantum && lastQuantum >= 0 && lastStatus == "failed")
            {
                failedQuanta++;
            }
            lastQuantum = job.Quantum;
            lastStatus = job.Status;
            if (job.End is { } e && (end is null || e > end))
            {
                end = e;
            }
        }
        if (lastStatus == "failed")
        {
            failedQuanta++;
        }
        bool running = spec.Status == "running";
        return new ScenarioTask
        {
            JediTaskId = taskId,
            RequestId = requestId,
            TaskName = name,
            Status = spec.Status,
            CreatedAt = start.AddMinutes(-1),
            Start = start,
            End = running ? null : end ?? start,
            NFiles = spec.Quanta,
            NFilesFinished = spec.Quanta - failedQuanta,
            NFilesFailed = failedQuanta,
            Flavour = flavour,
            RequestedRamMb = requestMb,
            JobCount = count,
            Jobs = Jobs,
        };
    }

    /// <summary>Causes of attempts that a retry gets past.</summary>
    private static readonly JobFailure[] Transient =
        [JobFailure.Preempted, JobFailure.OutOfMemory, JobFailure.LostHeartbeat, JobFailure.StageIn, JobFailure.WallTime, JobFailure.SiteResource];

    /// <summary>What the submission asks for: the typical peak and half again, in whole GB.</summary>
    private static long RequestMb(TaskSpec spec) => (long)Math.Ceiling(spec.RssGb * 1.5) * 1024;

    private static IEnumerable<ScenarioJob> Generate(TaskSpec spec, DateTimeOffset taskStart, long firstPandaId, ulong seed, long requestMb)
    {
        var random = new SplitMix64(seed);
        long pandaId = firstPandaId;
        for (long q = 0; q < spec.Quanta; q++)
        {
            double r = random.NextDouble();
            int attempts = r < spec.FailFraction ? 3 : r < spec.FailFraction + spec.RetryFraction ? 2 : 1;
            bool failsAll = r < spec.FailFraction;
            var slot = taskStart.AddSeconds((q / spec.Parallel * spec.WallSeconds * 1.1) + (random.NextDouble() * 30));
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                bool failed = failsAll || attempt < attempts;
                double wall = spec.WallSeconds * (0.7 + (0.6 * random.NextDouble())) * (failed ? 0.3 : 1);
                var end = slot.AddSeconds(Math.Round(wall));
                double cpu = wall * (failed ? 0.2 : 0.8 + (0.15 * random.NextDouble()));
                long rssKb = (long)(spec.RssGb * 1024 * 1024 * (0.8 + (0.4 * random.NextDouble())));
                // The cause depends on the pandaid, not the generator, so adding causes changed no other figure.
                var failure = !failed ? JobFailure.None : failsAll ? spec.FinalFailure : Transient[(int)(pandaId % Transient.Length)];
                if (failure == JobFailure.OutOfMemory)
                {
                    rssKb = requestMb * 1024 * 105 / 100;
                }
                yield return new ScenarioJob(pandaId++, q, failed ? "failed" : "finished", attempt, slot, end, cpu, rssKb, failure);
                slot = end.AddSeconds(60);
            }
        }
    }

    /// <summary>SplitMix64: tiny, fast, and stable across .NET versions (System.Random's sequence is not promised).</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public double NextDouble()
        {
            unchecked
            {
                ulong z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return (z >> 11) * (1.0 / (1UL << 53));
            }
        }
    }
}
