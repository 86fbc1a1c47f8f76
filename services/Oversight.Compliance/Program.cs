using Oversight.Compliance;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddCompliance();

var app = builder.Build();
app.MapCompliance();

app.Run();
