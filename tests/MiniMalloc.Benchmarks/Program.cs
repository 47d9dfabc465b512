Console.WriteLine("benchmark harness: not written yet");
