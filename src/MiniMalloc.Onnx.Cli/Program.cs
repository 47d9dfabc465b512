using MiniMalloc.Onnx.Cli;

return OnnxCli.Run(args, Console.Out, Console.Error);
