namespace MiniMalloc.Build.Tests;

public class ProjectSmokeTests
{
    [Fact]
    public void Empty_problem_has_no_live_bytes()
    {
        var profile = MiniMalloc.LiveProfile.Of(new MiniMalloc.Problem([], 0));
        Assert.Equal(0, profile.Peak);
    }
}
