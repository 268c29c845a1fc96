from perhekeskus.network.models import Network


def sample_data(request) -> dict:
    """Pages say plainly when the installation holds sample data rather than real listings."""
    return {"shows_sample_data": Network.objects.filter(is_sample_data=True).exists()}
