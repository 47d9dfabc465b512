using MiniMalloc.Sweeping;

namespace MiniMalloc.Search;

/// <summary>
/// The round robin on several threads: each thread, with a search engine of its own, takes the next attempt of the
/// <see cref="RoundRobinSchedule"/> when it is free. The answer is the first attempt in schedule order that decides
/// (finds a plan or proves there is none): once attempt j decides, attempts after j are cancelled and those before
/// it run to the end, because one of them may decide too and would come first. So the plan is the one a
/// sequential solve returns, whatever the timing; only the work done (nodes, backtracks) varies.
/// </summary>
internal sealed class ParallelRoundRobin
{
    private readonly Problem _problem;
    private readonly SweepResult _sweep;
    private readonly SolverOptions _options;
    private readonly StopCondition _stop;
    private readonly RoundRobinSchedule _schedule;
    private readonly object _gate = new();
    private readonly List<Worker> _workers = [];
    private int _nextAttempt = -1;
    private int _decidedAttempt = int.MaxValue;
    private SearchOutcome _decidedOutcome;
    private long[]? _decidedOffsets;
    private string? _decidedHeuristic;

    public ParallelRoundRobin(Problem problem, SweepResult sweep, SolverOptions options, StopCondition stop)
    {
        _problem = problem;
        _sweep = sweep;
        _options = options;
        _stop = stop;
        _schedule = new RoundRobinSchedule(options.PreorderingHeuristics, problem.Buffers.Count);
    }

    /// <summary>
    /// Runs the attempts from <paramref name="firstAttempt"/> on on <paramref name="threads"/> threads; the outcome,
    /// and the plan when one was found.
    /// </summary>
    public (SearchOutcome Outcome, long[]? Offsets, string? Heuristic, long Nodes, long Backtracks) Run(int threads, int firstAttempt = 0)
    {
        _nextAttempt = firstAttempt - 1;
        var workers = new Worker[threads];
        for (int t = 0; t < threads; t++) workers[t] = new Worker(this);
        var running = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            var worker = workers[t];
            running[t] = new Thread(worker.Run) { IsBackground = true, Name = $"MiniMalloc search {t}" };
            running[t].Start();
        }
        foreach (var thread in running) thread.Join();
        foreach (var worker in workers)
        {
            worker.Dispose();
            if (worker.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        long nodes = workers.Sum(w => w.Engine.Nodes), backtracks = workers.Sum(w => w.Engine.Backtracks);
        return _decidedAttempt == int.MaxValue
            ? (SearchOutcome.Stopped, null, null, nodes, backtracks)
            : (_decidedOutcome, _decidedOffsets, _decidedHeuristic, nodes, backtracks);
    }

    // The next attempt for a free thread, or -1 when none can matter any more.
    private int TakeAttempt(Worker worker)
    {
        lock (_gate)
        {
            int attempt = ++_nextAttempt;
            if (attempt > _decidedAttempt) return -1;
            worker.Attempt = attempt;
            return attempt;
        }
    }

    private void Decided(int attempt, SearchOutcome outcome, SearchEngine engine)
    {
        lock (_gate)
        {
            if (attempt >= _decidedAttempt) return;
            _decidedAttempt = attempt;
            _decidedOutcome = outcome;
            _decidedOffsets = outcome == SearchOutcome.Found ? (long[])engine.SolutionOffsets.Clone() : null;
            _decidedHeuristic = _schedule.Heuristic(attempt);
            foreach (var worker in _workers)
            {
                if (worker.Attempt > attempt) worker.Cancel();
            }
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly ParallelRoundRobin _owner;
        private readonly CancellationTokenSource _cancel;

        public Worker(ParallelRoundRobin owner)
        {
            _owner = owner;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(owner._stop.Token);
            Engine = new SearchEngine(owner._problem, owner._sweep, owner._options, owner._stop.WithToken(_cancel.Token));
            lock (owner._gate) owner._workers.Add(this);
        }

        public SearchEngine Engine { get; }

        /// <summary>The attempt this worker runs (or ran last); written under the owner's lock.</summary>
        public int Attempt { get; set; } = -1;

        public Exception? Failure { get; private set; }

        public void Cancel() => _cancel.Cancel();

        public void Run()
        {
            try
            {
                while (_owner.TakeAttempt(this) is var attempt and >= 0)
                {
                    var outcome = Engine.RunAttempt(_owner._schedule.Heuristic(attempt), _owner._schedule.Budget(attempt));
                    if (outcome is SearchOutcome.Found or SearchOutcome.NotFound) _owner.Decided(attempt, outcome, Engine);
                    else if (outcome == SearchOutcome.Stopped) return;
                }
            }
            catch (Exception e)
            {
                Failure = e;
                // A failed thread must not leave the others searching for an answer that will be thrown away.
                lock (_owner._gate)
                {
                    foreach (var worker in _owner._workers) worker.Cancel();
                }
            }
        }

        public void Dispose() => _cancel.Dispose();
    }
}
